// Sign-in through an OpenID provider: exactly the French keys (a missing or extra key is a type error).
import type { identity as fr } from "../fr/identity.ts";

export const identity: Record<keyof typeof fr, string> = {
  "identity.or": "or",
  "identity.staffButton": "Agency staff: sign in with your agency account",
  "identity.publicButton": "Sign in with FranceConnect",
  "identity.staff": "Agency account",
  "identity.public": "FranceConnect",
  "identity.failedTitle": "Sign-in failed",
  "identity.unavailable":
    "The identity service is not answering right now. Try again in a few minutes, or sign in another way.",
  "identity.invalidCallback":
    "This sign-in was not started in this browser, or it has expired. Start again from the sign-in page.",
  "identity.rejected":
    "The identity service sent back an invalid or refused answer. Start again from the sign-in page.",
  "identity.cancelled": "Sign-in cancelled.",
  "identity.notConfigured": "This way of signing in is not offered.",
  "identity.noEmail": "The identity service did not send an email address: your account cannot be created.",
  "identity.staffDomain": "Agency addresses sign in with the agency account, not with a password or FranceConnect.",
  "identity.unverifiedEmail":
    "An account already exists with this address, and the identity service did not verify it: sign in with your password.",
  "identity.lastWayIn": "This is your only way to sign in: it cannot be unlinked until you have another one.",
  "identity.backToSignIn": "Back to sign-in",
  "identity.agency": "Agency:",
  "identity.title": "Sign-in identities",
  "identity.intro": "The external accounts you can sign in with.",
  "identity.none": "No external identity is linked to your account.",
  "identity.linkedOn": "linked on {date}",
  "identity.unlink": "Unlink",
  "identity.unlinked": "Identity unlinked.",
  "identity.reauthIntro":
    "Your account has no password: to confirm a sensitive action, first sign in again with your identity provider.",
  "identity.reauthSubmit": "Confirm with {provider}",
  "identity.reauthDone": "Identity confirmed on {date}: you may go on for 5 minutes.",
  "identity.reauthenticated": "Identity confirmed. You may go on for 5 minutes.",
  "identity.reauthOtherIdentity":
    "This sign-in does not match an identity linked to your account: nothing was confirmed.",
};
