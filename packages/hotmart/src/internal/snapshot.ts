/**
 * A copy of a params object as it is at the call, for checks that run after an await (the lazily loaded
 * ones): a caller who changes or reuses the object right after the call does not change what is sent.
 * An array is copied, and so are arrays one level down in an object; anything else that is not a plain
 * object is returned as is, for the checks to refuse with their usual message.
 */
export function snapshot<T>(params: T): T {
  if (Array.isArray(params)) return [...params] as T;
  if (params === null || typeof params !== "object") return params;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) copy[key] = Array.isArray(value) ? [...value] : value;
  return copy as T;
}
