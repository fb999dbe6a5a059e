// Without zod, for the components every page shows (person-name.tsx): ADR 0032.
/** The one account that contributions of deleted people are attributed to (docs/decisions/0009). */
export const DELETED_USER_ID = "utilisateur-supprime";
/** The name shown for the author of content whose account was deleted. */
export const DELETED_USER_NAME = "Utilisateur supprimé";
