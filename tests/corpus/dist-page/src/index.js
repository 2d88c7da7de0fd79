document.getElementById("root").textContent = "Built by webpack into dist/main.js";
