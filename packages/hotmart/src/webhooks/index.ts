/** Webhooks: hottok verification, typed events, handlers. */
export {};
