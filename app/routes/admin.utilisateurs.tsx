import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { ROLES } from "~/auth/policy.ts";
import { requireAdmin, toViewer } from "~/auth/session.server.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import { getTranslator, getLocale } from "~/lib/locale.server.ts";
import { listAllSpaces } from "~/models/space.server.ts";
import { changeRole, listUsersForAdmin, setSpaceAccess } from "~/models/user.server.ts";
import { AccessChangeSchema, EndUserSessionsSchema, RoleChangeSchema } from "~/models/user.ts";
import { endAllSessions } from "~/models/account.server.ts";
import { queryText } from "~/lib/validation.ts";
import { readForm } from "~/lib/form.server.ts";
import { TableRegion } from "~/components/table-region.tsx";
import { RowAction } from "~/components/row-action.tsx";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("nav.admin"));

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const q = queryText(new URL(request.url).searchParams.get("q"));
  const [users, spaces] = await Promise.all([listUsersForAdmin(toViewer(admin), q), listAllSpaces()]);
  return {
    me: admin.id,
    internalSpaces: spaces.filter((s) => s.audience === "INTERNAL"),
    users: users.map((u) => ({
      ...u,
      createdAt: u.createdAt.toISOString(),
      spaceIds: u.spaceAccesses.map((a) => a.spaceId),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const viewer = toViewer(admin);
  const formData = await readForm(request);
  const back = new URL(request.url).pathname + new URL(request.url).search;
  const t = getTranslator(request);
  const locale = getLocale(request);
  switch (formData.get("intent")) {
    case "role": {
      const submission = parseWithZod(formData, { schema: RoleChangeSchema });
      if (submission.status !== "success") badRequest("Invalid role change");
      if (submission.value.userId === admin.id && submission.value.role !== "ADMIN") {
        return redirectWithFlash(back, { key: "admin.selfDemote", kind: "error" });
      }
      const user = await changeRole({ viewer, ...submission.value });
      // Takes effect on the person's next request: sessions read the role fresh every time.
      return redirectWithFlash(back, {
        key: "admin.roleChanged",
        params: { name: user.displayName, role: t(`role.${user.role}`) },
      });
    }
    case "grant":
    case "revoke": {
      const submission = parseWithZod(formData, { schema: AccessChangeSchema });
      if (submission.status !== "success") badRequest("Invalid access change");
      const granted = formData.get("intent") === "grant";
      const { user, space } = await setSpaceAccess({ viewer, ...submission.value, granted });
      const spaceName = locale === "fr" ? space.nameFr : space.nameEn;
      return redirectWithFlash(back, {
        key: granted ? "admin.accessGranted" : "admin.accessRevoked",
        params: { name: user.displayName, space: spaceName },
      });
    }
    case "end-sessions": {
      const submission = parseWithZod(formData, { schema: EndUserSessionsSchema });
      if (submission.status !== "success") badRequest("Invalid user");
      const { count, displayName } = await endAllSessions({ viewer, userId: submission.value.userId });
      return redirectWithFlash(back, { key: "admin.sessionsEnded", params: { count, name: displayName } });
    }
    default:
      badRequest("Unknown intent");
  }
}

export default function AdminUsers() {
  const { users, internalSpaces, me } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  return (
    <section>
      <h1>{t("admin.usersTitle")}</h1>
      <Form method="get" className="inline-form" role="search">
        <label htmlFor="user-search">{t("admin.search")}</label>
        <input id="user-search" name="q" type="search" defaultValue={searchParams.get("q") ?? ""} maxLength={100} />
        <button type="submit">{t("admin.searchSubmit")}</button>
      </Form>
      {users.length === 0 ? (
        <p className="empty">{t("admin.noUsers")}</p>
      ) : (
        <TableRegion label={t("admin.usersTitle")}>
          <table>
            <caption className="visually-hidden">{t("admin.usersTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.name")}</th>
                <th scope="col">{t("admin.email")}</th>
                <th scope="col">{t("admin.role")}</th>
                <th scope="col">{t("admin.access")}</th>
                <th scope="col">{t("admin.sessions")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id}>
                  <th scope="row">{user.displayName}</th>
                  <td>{user.email}</td>
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="role" />
                      <input type="hidden" name="userId" value={user.id} />
                      <label className="visually-hidden" htmlFor={`role-${user.id}`}>
                        {t("admin.role")} — {user.displayName}
                      </label>
                      <select id={`role-${user.id}`} name="role" defaultValue={user.role} disabled={user.id === me}>
                        {ROLES.map((role) => (
                          <option key={role} value={role}>
                            {t(`role.${role}`)}
                          </option>
                        ))}
                      </select>
                      {user.id === me ? null : <button type="submit">{t("admin.changeRole")}</button>}
                    </Form>
                  </td>
                  <td>
                    {internalSpaces.map((space) =>
                      user.role === "SUPPLIER" ? (
                        <Form method="post" key={space.id} className="inline-form">
                          <input
                            type="hidden"
                            name="intent"
                            value={user.spaceIds.includes(space.id) ? "revoke" : "grant"}
                          />
                          <input type="hidden" name="userId" value={user.id} />
                          <input type="hidden" name="spaceId" value={space.id} />
                          <button type="submit">
                            {user.spaceIds.includes(space.id) ? t("admin.revoke") : t("admin.grant")} (
                            {locale === "fr" ? space.nameFr : space.nameEn})
                          </button>
                        </Form>
                      ) : (
                        <span key={space.id}>
                          {user.role === "PUBLIC" ? t("admin.notApplicable") : t("admin.viaRole")}
                        </span>
                      ),
                    )}
                  </td>
                  <td>
                    {/* Their own sessions: from "My account". */}
                    {user.id === me ? null : (
                      <RowAction
                        intent="end-sessions"
                        row={{ userId: user.id }}
                        label={t("admin.endSessions")}
                        context={t("admin.endSessionsOf", { name: user.displayName })}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}
