export default function App() {
  return <qlik-embed ui="analytics/chart" app-id={process.env.REACT_APP_QLIK_APP_ID} object-id="jRpKz"></qlik-embed>;
}
