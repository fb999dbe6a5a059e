// The parts of a hackathon's page (docs/decisions/0035-hackathons.md): header with schedule, phase and
// live counts; the viewer's place (registration, team, submission); the teams and their projects (with
// the jury's forms); the managers' tools. What each shows is decided by the loader's `can` flags.
import { Form, Link } from "@remix-run/react";
import { useMemo } from "react";
import { Field } from "~/components/form.tsx";
import { SchemaForm, ScoreField } from "~/components/schema-form.tsx";
import { formatDateTime } from "~/lib/i18n.ts";
import { useLocale, useT } from "~/lib/i18n-react.ts";
import type { HackathonPage } from "~/models/hackathon-page.server.ts";
import { JurorFormSchema, scoreFormSchema, SubmissionFormSchema, TeamFormSchema } from "~/models/hackathon.ts";

type Page = HackathonPage & { submission: { title: string; body: string; repoUrl: string } | null };

const SCHEDULE = [
  "registrationOpensAt",
  "registrationClosesAt",
  "startsAt",
  "endsAt",
  "submissionDeadline",
  "resultsAt",
] as const;

export function HackathonHeader({ page }: { page: Page }) {
  const t = useT();
  const locale = useLocale();
  const { hackathon, space, counts } = page;
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/espaces/${space.slug}`}>{locale === "fr" ? space.nameFr : space.nameEn}</Link> ·{" "}
        {t("hackathon.kind")}
      </p>
      <div className="page-head">
        <div>
          <h1 lang={hackathon.language}>{hackathon.title}</h1>
          <p className="lead" lang={hackathon.language}>
            {hackathon.cover}
          </p>
          <p className="meta" data-testid="hackathon-phase">
            <strong>{t(`hackathon.phase.${hackathon.phase}`)}</strong>
          </p>
        </div>
        {page.can.manage ? (
          <Link className="button button--secondary" to={`/hackathons/${hackathon.id}/modifier`}>
            {t("hackathon.edit")}
          </Link>
        ) : null}
      </div>
      <ul className="hackathon-counts" aria-label={t("hackathon.counts")} data-testid="hackathon-counts">
        <li>{t("hackathon.countRegistered", { count: counts.registered, capacity: hackathon.capacity })}</li>
        <li>{t("hackathon.countWaiting", { count: counts.waiting })}</li>
        <li>{t("hackathon.countTeams", { count: counts.teams })}</li>
        <li>{t("hackathon.countProjects", { count: counts.projects })}</li>
      </ul>
      <h2>{t("hackathon.schedule")}</h2>
      <dl className="hackathon-schedule">
        {SCHEDULE.map((key) => (
          <div key={key}>
            <dt>{t(`hackathon.date.${key}`)}</dt>
            <dd>{formatDateTime(locale, hackathon.schedule[key])}</dd>
          </div>
        ))}
        <div>
          <dt>{t("hackathon.where")}</dt>
          <dd>
            {hackathon.place ? <span lang={hackathon.language}>{hackathon.place}</span> : null}
            {hackathon.place && hackathon.onlineUrl ? " · " : null}
            {hackathon.onlineUrl ? (
              <a href={hackathon.onlineUrl} rel="noopener noreferrer nofollow">
                {t("hackathon.online")}
              </a>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t("hackathon.criteria")}</dt>
          <dd lang={hackathon.language}>{hackathon.criteria.join(" · ")}</dd>
        </div>
        <div>
          <dt>{t("hackathon.teamSize")}</dt>
          <dd>
            {t("hackathon.teamSizeMax", { count: hackathon.teamSizeMax })} ·{" "}
            {hackathon.mixedTeams ? t("hackathon.mixedAllowed") : t("hackathon.mixedRefused")}
          </dd>
        </div>
      </dl>
    </>
  );
}

function IntentButton(props: { intent: string; label: string; secondary?: boolean; fields?: Record<string, string> }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={props.intent} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={props.secondary ? "button--secondary" : undefined}>
        {props.label}
      </button>
    </Form>
  );
}

export function HackathonYou({ page }: { page: Page }) {
  const t = useT();
  const { me, can, hackathon } = page;
  return (
    <section aria-labelledby="hackathon-you">
      <h2 id="hackathon-you">{t("hackathon.you")}</h2>
      {!me.signedIn ? (
        <p>
          <Link to={`/connexion?redirectTo=${encodeURIComponent(`/hackathons/${hackathon.id}`)}`}>
            {t("hackathon.signIn")}
          </Link>
        </p>
      ) : (
        <p data-testid="hackathon-seat">
          {me.seat === "REGISTERED"
            ? t("hackathon.youRegistered")
            : me.seat === "WAITING"
              ? t("hackathon.youWaiting")
              : t("hackathon.youNotRegistered")}
          {me.isJuror ? ` ${t("hackathon.youJuror")}` : ""}
        </p>
      )}
      {can.register ? <IntentButton intent="register" label={t("hackathon.register")} /> : null}
      {can.cancel ? <IntentButton intent="cancel" label={t("hackathon.cancel")} secondary /> : null}
      {can.formTeam ? (
        <SchemaForm formId="team" intent="team" schema={TeamFormSchema} submitLabel={t("hackathon.createTeam")}>
          {(fields) => <Field field={fields.name!} label={t("hackathon.teamName")} />}
        </SchemaForm>
      ) : null}
      {me.teamId && !me.accepted ? <p>{t("hackathon.requestPending")}</p> : null}
      {can.leaveTeam ? (
        <IntentButton
          intent="leave"
          label={me.accepted ? t("hackathon.leaveTeam") : t("hackathon.withdraw")}
          secondary
        />
      ) : null}
      {can.submit && me.teamId ? (
        <>
          <h3>{page.submission ? t("hackathon.editProject") : t("hackathon.submitProject")}</h3>
          <SchemaForm
            formId="submit"
            intent="submit"
            schema={SubmissionFormSchema}
            hidden={{ teamId: me.teamId }}
            submitLabel={page.submission ? t("hackathon.saveProject") : t("hackathon.submitProject")}
            defaultValue={page.submission ?? undefined}
          >
            {(fields) => (
              <>
                <Field field={fields.title!} label={t("hackathon.projectTitle")} />
                <Field field={fields.body!} label={t("hackathon.projectBody")} multiline rows={8} />
                <Field
                  field={fields.repoUrl!}
                  label={t("hackathon.repoUrl")}
                  hint={t("hackathon.repoHint")}
                  type="url"
                />
              </>
            )}
          </SchemaForm>
        </>
      ) : null}
    </section>
  );
}

function ScoreForm({ page, ideaId, current }: { page: Page; ideaId: string; current: Record<string, string> | null }) {
  const t = useT();
  const schema = useMemo(() => scoreFormSchema(page.hackathon.criteria.length), [page.hackathon.criteria.length]);
  return (
    <SchemaForm
      formId={`score-${ideaId}`}
      intent="score"
      schema={schema}
      hidden={{ ideaId }}
      submitLabel={t("hackathon.saveScores")}
      defaultValue={current ?? undefined}
    >
      {(fields) =>
        page.hackathon.criteria.map((criterion, i) => (
          <ScoreField
            key={criterion}
            field={fields[`c${i}`]!}
            legend={<span lang={page.hackathon.language}>{criterion}</span>}
          />
        ))
      }
    </SchemaForm>
  );
}

export function HackathonTeams({ page }: { page: Page }) {
  const t = useT();
  const locale = useLocale();
  const { teams, can, me, hackathon } = page;
  const score = (n: number | null) =>
    n === null ? "—" : (Math.round(n * 10) / 10).toLocaleString(locale === "fr" ? "fr-FR" : "en-GB");
  return (
    <section aria-labelledby="hackathon-teams">
      <h2 id="hackathon-teams">{t("hackathon.teams")}</h2>
      {teams.length === 0 ? <p className="empty">{t("hackathon.noTeams")}</p> : null}
      <ul className="hackathon-team-list">
        {teams.map((team) => (
          <li key={team.id} className="card">
            {/* The team's name: written by a participant, in the hackathon's language as far as we know. */}
            <h3 lang={hackathon.language}>{team.name}</h3>
            <p>
              {t("hackathon.members")}{" "}
              {team.members.map((m, i) => (
                <span key={m.id}>
                  {i > 0 ? ", " : ""}
                  <Link to={`/personnes/${m.id}`}>{m.displayName}</Link>
                  {m.owner ? ` (${t("hackathon.owner")})` : ""}
                </span>
              ))}
            </p>
            {team.idea ? (
              <p>
                {team.award ? <strong>{t(`hackathon.award.${team.award}`)} · </strong> : null}
                <Link to={`/idees/${team.idea.id}`} lang={team.idea.language}>
                  {team.idea.title}
                </Link>
                {team.repoUrl ? (
                  <>
                    {" · "}
                    <a href={team.repoUrl} rel="noopener noreferrer nofollow">
                      {t("hackathon.repo")}
                    </a>
                  </>
                ) : null}
                {can.seeScores ? ` · ${t("hackathon.average", { score: score(team.average) })}` : null}
              </p>
            ) : (
              <p className="muted">{t("hackathon.noProject")}</p>
            )}
            {can.formTeam && !me.teamId ? (
              <IntentButton
                intent="join"
                label={t("hackathon.askToJoin", { team: team.name })}
                secondary
                fields={{ teamId: team.id, formId: `join-${team.id}` }}
              />
            ) : null}
            {team.requests.length ? (
              <ul aria-label={t("hackathon.requests")}>
                {team.requests.map((r) => (
                  <li key={r.id}>
                    {r.displayName}{" "}
                    <IntentButton
                      intent="answer"
                      label={t("hackathon.accept", { name: r.displayName })}
                      fields={{ teamId: team.id, userId: r.id, accept: "true", formId: `answer-${r.id}` }}
                    />
                    <IntentButton
                      intent="answer"
                      label={t("hackathon.refuse", { name: r.displayName })}
                      secondary
                      fields={{ teamId: team.id, userId: r.id, accept: "false", formId: `answer-${r.id}` }}
                    />
                  </li>
                ))}
              </ul>
            ) : null}
            {can.score && team.idea ? (
              <details open={!team.myScores}>
                <summary>
                  {t("hackathon.scoreProject")} <span lang={team.idea.language}>{team.idea.title}</span>
                </summary>
                <ScoreForm page={page} ideaId={team.idea.id} current={team.myScores} />
              </details>
            ) : null}
          </li>
        ))}
      </ul>
      {hackathon.phase === "results" ? null : <p className="muted">{t("hackathon.scoresPrivate")}</p>}
    </section>
  );
}

export function HackathonManage({ page }: { page: Page }) {
  const t = useT();
  return (
    <section aria-labelledby="hackathon-manage">
      <h2 id="hackathon-manage">{t("hackathon.manage")}</h2>
      <h3>{t("hackathon.jury")}</h3>
      {page.jurors.length ? (
        <ul>
          {page.jurors.map((j) => (
            <li key={j.id}>{j.displayName}</li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t("hackathon.noJurors")}</p>
      )}
      <SchemaForm formId="juror" intent="juror" schema={JurorFormSchema} submitLabel={t("hackathon.addJuror")}>
        {(fields) => <Field field={fields.email!} label={t("hackathon.jurorEmail")} type="email" />}
      </SchemaForm>
      {page.can.publish ? (
        <p>
          <Link className="button" to={`/hackathons/${page.hackathon.id}/resultats`}>
            {t("hackathon.publishResults")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
