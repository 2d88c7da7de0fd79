import React, { useEffect, useState } from "react";
import { session } from "./session.mjs";

type Row = { name: string; churn: number };

export default function Churn(): JSX.Element {
  const [rows, setRows] = useState<Row[]>([]);
  useEffect(() => {
    // Loads the churn table once the session check in session.mjs passed.
    session.then(() =>
      fetch(`https://atlas.eu.qlikcloud.com/api/v1/data-files?limit=20`, {
        headers: { "qlik-web-integration-id": "AtlasWebIntegration_0123456789ab" },
      })
        .then((r) => r.json())
        .then((body) => setRows(body.data)),
    );
  }, []);
  return (
    <table className="churn">
      <tbody>
        {rows.map((row) => (
          <tr key={row.name}><td>{row.name}</td><td>{row.churn}</td></tr>
        ))}
      </tbody>
    </table>
  );
}
