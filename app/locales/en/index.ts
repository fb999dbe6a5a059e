// The English catalogue: each feature file is typed against its French twin, so the keys are the same.
import type { MessageKey } from "../fr/index.ts";
import { common } from "./common.ts";
import { errors } from "./errors.ts";
import { space } from "./space.ts";
import { idea } from "./idea.ts";
import { comments } from "./comments.ts";
import { commentPages } from "./comment-pages.ts";
import { pipeline } from "./pipeline.ts";
import { pilot } from "./pilot.ts";
import { evaluation } from "./evaluation.ts";
import { moderation } from "./moderation.ts";
import { merge } from "./merge.ts";
import { account } from "./account.ts";
import { admin } from "./admin.ts";
import { webhooks } from "./webhooks.ts";
import { challenge } from "./challenge.ts";
import { search } from "./search.ts";
import { notifications } from "./notifications.ts";
import { identity } from "./identity.ts";
import { indicators } from "./indicators.ts";
import { credentials } from "./credentials.ts";
import { commitments } from "./commitments.ts";
import { rollout } from "./rollout.ts";
import { api } from "./api.ts";
import { site } from "./site.ts";
import { social } from "./social.ts";
import { home } from "./home.ts";
import { accessibility } from "./accessibility.ts";
import { audit } from "./audit.ts";
import { hackathon } from "./hackathon.ts";
import { attachments } from "./attachments.ts";

export const messages: Record<MessageKey, string> = {
  ...common,
  ...errors,
  ...space,
  ...idea,
  ...comments,
  ...commentPages,
  ...pipeline,
  ...pilot,
  ...evaluation,
  ...moderation,
  ...merge,
  ...account,
  ...admin,
  ...webhooks,
  ...challenge,
  ...search,
  ...notifications,
  ...identity,
  ...indicators,
  ...credentials,
  ...commitments,
  ...rollout,
  ...api,
  ...site,
  ...social,
  ...home,
  ...accessibility,
  ...audit,
  ...hackathon,
  ...attachments,
};
