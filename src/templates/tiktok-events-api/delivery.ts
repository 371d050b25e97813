// The bounds of the delivery settings, shared by the fields (template.ts: GTM refuses other values
// on save) and the code (main.ts: a variable's value is clamped to them at run time, with a log line).

export const RETRIES = { min: 0, max: 5, fallback: 2 };
export const TIMEOUT_MS = { min: 500, max: 60000, fallback: 10000 };
