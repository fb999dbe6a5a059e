// My profile's settings (docs/decisions/0031): a short bio, and keeping the profile private.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getInputProps } from "@conform-to/react";
import { requireUser } from "~/auth/session.server.ts";
import { Field } from "~/components/form.tsx";
import { SchemaForm } from "~/components/schema-form.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { handleForm, readForm } from "~/lib/form.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { metaTitle } from "~/lib/i18n.ts";
import { useT } from "~/lib/i18n-react.ts";
import { getProfileSettings, updateProfile } from "~/models/profile.server.ts";
import { BIO_MAX, ProfileFormSchema } from "~/models/profile.ts";

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, (t) => t("profile.settings"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { id: user.id, settings: await getProfileSettings(user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  if (formData.get("intent") !== "profile") badRequest("Unknown intent");
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
  const { id, settings } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="narrow">
      <h1>{t("profile.settings")}</h1>
      <p>
        <Link to={`/personnes/${id}`}>{t("profile.see")}</Link>
      </p>
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
