/**
 * An error body, or any body read for a message: JSON when it is JSON, otherwise the first `max`
 * characters of the text (an HTML error page, a proxy's message), and undefined when there is none.
 */
export function parseJSONLoose(text: string, max: number): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, max);
  }
}
