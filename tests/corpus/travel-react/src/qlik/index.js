export * from "./settings";
export { QLIK as default } from "./settings";
