// Webhooks (docs/decisions/0027-job-queue-and-webhooks.md): the events an endpoint may subscribe to,
// the registration form, the retry schedule. Pure: shared by the admin page and the server.
import { z } from "zod";
import { msg, recordId, text } from "~/lib/validation.ts";

export const WEBHOOK_EVENTS = [
  "idea.created",
  "idea.updated",
  "idea.stage_changed",
  "idea.merged",
  "idea.hidden",
  "idea.restored",
  "idea.in_production",
  "comment.created",
  "pilot.decided",
  "challenge.opened",
  "challenge.closed",
  // A hackathon's results were published (docs/decisions/0035-hackathons.md): its winners are in the pipeline.
  "hackathon.results_published",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];
export const isWebhookEventType = (value: string): value is WebhookEventType =>
  (WEBHOOK_EVENTS as readonly string[]).includes(value);

/** Events about content that left the lists: sent as ids only, never with the content. */
export const IDS_ONLY_EVENTS: readonly WebhookEventType[] = ["idea.hidden", "idea.merged"];

/**
 * What a domain event records (ids and codes only): the payload is built at delivery time, through the
 * endpoint owner's visibility. `spaceId` says which space-limited endpoints are concerned.
 */
export type WebhookEvent = {
  type: WebhookEventType;
  spaceId: string;
  ideaId?: string;
  commentId?: string;
  challengeId?: string;
  targetId?: string;
  stage?: string;
  decision?: string;
};

/** The test event ("send a test event"): reaches the endpoint whatever it subscribed to. */
export const TEST_EVENT_TYPE = "webhook.test" as const;

/**
 * Seconds to wait after the n-th failed attempt (n = 1, 2, …), the Standard Webhooks schedule: 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h, 10 h — about a day in all; then the delivery is given up. `scale` shrinks it
 * (WEBHOOK_RETRY_SCALE, for tests).
 */
const SCHEDULE_S = [5, 300, 1800, 7200, 18_000, 36_000, 36_000];
export const MAX_WEBHOOK_ATTEMPTS = SCHEDULE_S.length + 1;
export function webhookRetryDelayMs(failedAttempts: number, scale = 1): number | null {
  const seconds = SCHEDULE_S[failedAttempts - 1];
  return seconds === undefined ? null : Math.max(1, Math.round(seconds * 1000 * scale));
}

const webhookUrl = z
  .string({ error: msg("form.required") })
  .trim()
  .max(2000, { error: msg("form.tooLong", { max: 2000 }) })
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password;
      } catch {
        return false;
      }
    },
    { error: msg("webhooks.urlInvalid") },
  );

export const WebhookEndpointSchema = z.object({
  url: webhookUrl,
  description: text({ min: 0, max: 200, singleLine: true }).optional(),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { error: msg("form.invalid") }), { error: msg("webhooks.eventsRequired") })
    .min(1, { error: msg("webhooks.eventsRequired") }),
  spaceId: recordId().optional(),
});
export type WebhookEndpointInput = z.infer<typeof WebhookEndpointSchema>;

export const WebhookEndpointIdSchema = z.object({ endpointId: recordId() });
export const WebhookDeliveryIdSchema = z.object({ deliveryId: recordId() });
