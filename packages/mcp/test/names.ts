/** The tool catalogue the tests (and the README) expect. */
export const READ_TOOLS = [
  "sales_history",
  "sales_summary",
  "sales_participants",
  "sales_commissions",
  "sales_price_details",
  "subscriptions_list",
  "subscriptions_summary",
  "subscriptions_transactions",
  "subscription_purchases",
  "products_list",
  "product_offers",
  "product_plans",
  "coupons_list",
  "club_modules",
  "club_pages",
  "club_students",
  "club_lessons",
  "club_student_progress",
  "event_info",
  "event_tickets",
];
export const ANSWER_TOOLS = ["sales_report", "subscribers_by_status", "access_check", "buyer_overview"];
export const WRITE_TOOLS = [
  "sale_refund",
  "subscriptions_cancel",
  "subscriptions_reactivate",
  "subscription_change_due_day",
  "coupon_create",
  "coupon_delete",
  "negotiation_create",
];
