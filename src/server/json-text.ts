/**
 * JSON text that may be empty or broken (a request body, a recorded answer, a log line): the parsed
 * value, or undefined when there is nothing to parse or it is not JSON. The callers show or refuse
 * such text themselves; none of them needs the parse error.
 */
export function parseJsonOrUndefined(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
