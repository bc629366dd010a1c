export { anonymiseSession, anonymiseText, anonymiseXml, SYNTHETIC } from "./anonymise.js";
export { type Recording, type RecordOptions, recordExchange } from "./record.js";
