// Without zod, for the components every page shows (person-name.tsx): ADR 0032.
/** The name shown for the author of content whose account was deleted. */
export const DELETED_USER_NAME = "Utilisateur supprimé";
