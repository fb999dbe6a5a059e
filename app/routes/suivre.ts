// Follow or stop following an idea, a challenge, a space or a tag (docs/decisions/0031). A form posts
// here from the page it is on and comes back to it; bad input is a 400 with the field's error.
import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { handleForm, readForm } from "~/lib/form.server.ts";
import { safeRedirect } from "~/lib/validation.ts";
import { setFollow } from "~/models/follow.server.ts";
import { FollowFormSchema } from "~/models/follow.ts";

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  const outcome = await handleForm({
    formData,
    schema: FollowFormSchema,
    formId: "follow",
    run: async (input) => {
      await setFollow({ user, input });
      const back = safeRedirect(input.redirectTo, "/compte/suivis");
      return redirectWithFlash(back, { key: input.follow ? "follow.followed" : "follow.unfollowed" });
    },
  });
  // A resource route: a refusal (400 with the field's error) goes out as JSON with its status.
  if (outcome instanceof Response) return outcome;
  return Response.json(outcome.data, { status: outcome.init?.status ?? 400 });
}
