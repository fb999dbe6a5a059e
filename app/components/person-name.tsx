import { useT } from "~/lib/i18n-react.ts";
import { DELETED_USER_NAME } from "~/models/user-names.ts";

/**
 * A person's display name as shown; the placeholder that deleted people's contributions are signed
 * with is stored in French and shown in the reader's language (nobody else may take that name).
 */
export function usePersonName() {
  const t = useT();
  return (name: string) => (name === DELETED_USER_NAME ? t("account.deletedUser") : name);
}
