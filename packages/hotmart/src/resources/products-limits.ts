/**
 * Hotmart documents 50 as the products page size maximum and clamps larger values; the SDK sends 50 in
 * their place, so the request says what Hotmart will do. No other endpoint documents a maximum.
 */
export const PRODUCTS_MAX_RESULTS = 50;
