/** The agency's time zone: every date and time the app shows or reads (app/lib/time.ts). */
export const TIME_ZONE = "Europe/Paris";
