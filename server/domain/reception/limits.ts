/**
 * The sizes a reception session and a booking may have. Import-free, so that the web app's forms check
 * the same limits as the server without bundling the domain (web/src/pages/citizen/reception-book.tsx).
 */
export const RECEPTION_LIMITS = {
  summaryMin: 20,
  summaryMax: 4000,
  placeMax: 300,
  receiverMax: 300,
  topicsMax: 20,
  topicMax: 200,
  capacityMax: 500,
  representativesMax: 5,
  explanationMax: 2000,
  outcomeDaysMax: 90,
  attachmentsMax: 10,
  idempotencyKeyMax: 100,
} as const;
