// Error pages and rate limits: exactly the French keys (a missing or extra key is a type error).
import type { errors as fr } from "../fr/errors.ts";

export const errors: Record<keyof typeof fr, string> = {
  "rateLimit.tooManySeconds":
    "Too many attempts in a short time. Try again in {seconds, plural, one {# second} other {# seconds}}.",
  "rateLimit.tooManyMinutes":
    "Too many attempts in a short time. Try again in {minutes, plural, one {# minute} other {# minutes}}.",
  "error.tooManyTitle": "Too many attempts",
  "error.tooMany": "You are going a little fast. Try again in a moment.",
  "error.notFoundTitle": "Page not found",
  "error.notFound": "This page does not exist or you do not have access to it.",
  "error.forbiddenTitle": "Access denied",
  "error.forbidden": "You do not have the rights needed for this action.",
  "error.badRequestTitle": "Invalid request",
  "error.badRequest": "The request could not be processed.",
  "error.genericTitle": "Something went wrong",
  "error.generic": "We could not process your request. Please try again in a moment.",
  "error.unavailableTitle": "Service temporarily unavailable",
  "error.unavailable": "The service cannot answer right now. Please try again in a few seconds.",
  "error.backHome": "Back to home",
};
