// My profile's settings (docs/decisions/0031): a short bio, keeping the profile private, and a picture
// (docs/decisions/0039-avatars.md: a multipart form read by readUploadForm; a refusal answers 400 with
// the message next to the file input).
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getInputProps } from "@conform-to/react";
import { requireUser } from "~/auth/session.server.ts";
import { Field } from "~/components/form.tsx";
import { SchemaForm } from "~/components/schema-form.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { AvatarForm } from "~/components/avatar-form.tsx";
import { handleForm } from "~/lib/form.server.ts";
import { badRequest, clientIp } from "~/lib/http.server.ts";
import { attempt, ruleReply } from "~/lib/rule-error.server.ts";
import { readUploadForm } from "~/lib/upload.server.ts";
import { uploadLimits, uploadLimitsShown } from "~/models/attachment.server.ts";
import { removeAvatar, setAvatar } from "~/models/avatar.server.ts";
import { AvatarFormSchema, avatarUrl } from "~/models/avatar.ts";
import { enforceRateLimits } from "~/models/rate-limit.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { getProfileSettings, updateProfile } from "~/models/profile.server.ts";
import { BIO_MAX, ProfileFormSchema } from "~/models/profile.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("profile.settings"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { avatarId, ...settings } = await getProfileSettings(user);
  return {
    id: user.id,
    displayName: user.displayName,
    settings,
    avatarUrl: avatarId ? avatarUrl(avatarId, "large") : null,
    maxMegabytes: uploadLimitsShown().maxMegabytes,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // One picture at most: a second file part is dropped unread and refused.
  const upload = await readUploadForm(request, { maxFileBytes: uploadLimits().maxFileBytes, maxFiles: 1 });
  try {
    const formData = upload.formData;
    switch (formData.get("intent")) {
      case "avatar": {
        await enforceRateLimits({ user, ip: clientIp(request), action: "upload" });
        const { files, tooManyFiles } = upload;
        const outcome = await attempt(() =>
          setAvatar({ user, files, tooManyFiles, maxFileBytes: uploadLimits().maxFileBytes }),
        );
        if (!outcome.ok) {
          const submission = parseWithZod(formData, { schema: AvatarFormSchema });
          return data({ formId: "avatar", result: submission.reply(ruleReply(outcome.error)) }, { status: 400 });
        }
        return redirectWithFlash("/compte/profil", { key: "avatar.saved" });
      }
      case "remove-avatar":
        await removeAvatar({ user });
        return redirectWithFlash("/compte/profil", { key: "avatar.removed" });
      case "profile":
        return saveProfile(user, formData);
      default:
        badRequest("Unknown intent");
    }
  } finally {
    await upload.dispose();
  }
}

function saveProfile(user: Awaited<ReturnType<typeof requireUser>>, formData: FormData) {
  return handleForm({
    formData,
    schema: ProfileFormSchema,
    formId: "profile",
    run: async (input) => {
      await updateProfile({ user, input });
      return redirectWithFlash("/compte/profil", { key: "profile.saved" });
    },
  });
}

export default function ProfileSettings() {
  const { id, displayName, settings, avatarUrl, maxMegabytes } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="narrow">
      <h1>{t("profile.settings")}</h1>
      <p>
        <Link to={`/personnes/${id}`}>{t("profile.see")}</Link>
      </p>
      <AvatarForm
        name={displayName}
        avatarUrl={avatarUrl}
        profilePrivate={settings.profilePrivate}
        maxMegabytes={maxMegabytes}
      />
      <SchemaForm
        formId="profile"
        intent="profile"
        schema={ProfileFormSchema}
        submitLabel={t("profile.save")}
        defaultValue={{ bio: settings.bio ?? "", profilePrivate: settings.profilePrivate ? "on" : undefined }}
      >
        {(fields) => (
          <>
            <Field
              field={fields.bio!}
              label={t("profile.bioLabel")}
              hint={t("profile.bioHint", { max: BIO_MAX })}
              multiline
              rows={3}
            />
            <div className="field field--checkbox">
              <input {...getInputProps(fields.profilePrivate!, { type: "checkbox" })} />
              <label htmlFor={fields.profilePrivate!.id}>{t("profile.privateLabel")}</label>
            </div>
          </>
        )}
      </SchemaForm>
    </section>
  );
}
