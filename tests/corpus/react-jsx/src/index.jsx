import React from "react";
import { createRoot } from "react-dom/client";
import Churn from "./Churn";

createRoot(document.getElementById("root")).render(<Churn />);
