/**
 * The sandbox magic values of docs/api-notes.md (§8 per endpoint, collected in §12). The simulator
 * makes records with these ids exist in every dataset, next to the generated ones, so tests written
 * against Hotmart's sandbox pass unchanged.
 */
export const SANDBOX = {
  /** U4, U5..U9: succeeds on every subscription operation. */
  subscriberSuccess: "B2HNQAXJ",
  /** U4, U5..U9: fails on every subscription operation (not found, already cancelled, in trial). */
  subscriberFailure: "X53ZPFQZ",
  /** P2: the product whose offers answer 200. */
  offersUcode: "ab907e46-a9aa-4d25-ae4f-cec316d01560",
  /** P3: the product whose plans answer 200. */
  plansUcode: "3f9e2d5a-4cb8-4f13-9d2e-8b7c4a0f1e92",
  /** M1, M3, M4: the Club subdomain. */
  subdomain: "my_subdomain",
  /** M2: the Club product id for v2 pages. */
  clubProductId: 123456789,
  /**
   * M2: module ids the sandbox accepts (upper case). The Club stores them mixed-case, as real ids are,
   * and matches ids case-insensitively.
   */
  moduleIds: ["2z7RamXeJW", "D64l09Q4jW", "dPeA5MoEwE", "j14okvB4pL", "V94jmXyOgZ"],
  /** M4: student ids whose lessons answer 200. */
  userIds: ["n2oM623N46", "Wx7wPwrQo2", "ZyoMwxLdeD"],
  /** S2: the sales summary sample query. */
  summary: {
    productId: 15434864,
    offerCode: "k0lphun9",
    salesSource: "campaignName6",
    affiliateName: "Regina Malu Aragão",
    /** 2021-06-12T12:00:00Z, inside start_date=1623380400000 .. end_date=1623639600000. */
    orderDate: 1623499200000,
  },
  /** S3 and S4: the sales participants sample query. */
  users: {
    buyerEmail: "buyeremail2@dominio.com",
    buyerName: "buyername2",
    salesSource: "campaignNameanha3",
    affiliateName: "affilatename1",
    /** 2021-06-04T12:00:00Z, inside 1622689200000 .. 1622948400000. */
    orderDate: 1622808000000,
  },
  /** S5: 2021-06-17T12:00:00Z, inside 1623726000000 .. 1624158000000. */
  priceDetailsOrderDate: 1623931200000,
} as const;
