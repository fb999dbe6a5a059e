// "Télécharger mes données": a POST (it is audited, so not a link that a prefetch could follow) that
// answers with the JSON file. The form on /compte/donnees submits here as a plain document request.
import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { exportMyData } from "~/models/privacy.server.ts";
import { readForm } from "~/lib/form.server.ts";

export async function loader() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await readForm(request); // no fields, but a body no form of ours sends is refused all the same
  const data = await exportMyData({ user });
  const day = data.exportedAt.slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="idees-mes-donnees-${day}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
