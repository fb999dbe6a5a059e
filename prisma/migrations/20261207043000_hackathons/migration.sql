-- CreateEnum
CREATE TYPE "RegistrationStatus" AS ENUM ('REGISTERED', 'WAITING');

-- CreateEnum
CREATE TYPE "AwardKind" AS ENUM ('WINNER', 'MENTION');

-- CreateTable
CREATE TABLE "hackathons" (
    "challenge_id" TEXT NOT NULL,
    "objective" TEXT NOT NULL,
    "resources" TEXT NOT NULL DEFAULT '',
    "place" TEXT,
    "online_url" TEXT,
    "registration_opens_at" TIMESTAMPTZ(3) NOT NULL,
    "registration_closes_at" TIMESTAMPTZ(3) NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "submission_deadline" TIMESTAMPTZ(3) NOT NULL,
    "results_at" TIMESTAMPTZ(3) NOT NULL,
    "capacity" INTEGER NOT NULL,
    "team_size_max" INTEGER NOT NULL,
    "mixed_teams" BOOLEAN NOT NULL DEFAULT false,
    "criteria" TEXT[],
    "results_text" TEXT,
    "results_published_at" TIMESTAMPTZ(3),

    CONSTRAINT "hackathons_pkey" PRIMARY KEY ("challenge_id")
);

-- CreateTable
CREATE TABLE "hackathon_registrations" (
    "hackathon_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "status" "RegistrationStatus" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hackathon_registrations_pkey" PRIMARY KEY ("hackathon_id","user_id")
);

-- CreateTable
CREATE TABLE "hackathon_teams" (
    "id" TEXT NOT NULL,
    "hackathon_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "idea_id" TEXT,
    "repo_url" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hackathon_teams_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hackathon_team_members" (
    "team_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "hackathon_id" TEXT NOT NULL,
    "owner" BOOLEAN NOT NULL DEFAULT false,
    "accepted" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hackathon_team_members_pkey" PRIMARY KEY ("team_id","user_id")
);

-- CreateTable
CREATE TABLE "hackathon_jurors" (
    "hackathon_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hackathon_jurors_pkey" PRIMARY KEY ("hackathon_id","user_id")
);

-- CreateTable
CREATE TABLE "hackathon_scores" (
    "hackathon_id" TEXT NOT NULL,
    "idea_id" TEXT NOT NULL,
    "juror_id" TEXT NOT NULL,
    "criterion" SMALLINT NOT NULL,
    "score" SMALLINT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hackathon_scores_pkey" PRIMARY KEY ("idea_id","juror_id","criterion")
);

-- CreateTable
CREATE TABLE "hackathon_awards" (
    "idea_id" TEXT NOT NULL,
    "hackathon_id" TEXT NOT NULL,
    "kind" "AwardKind" NOT NULL,

    CONSTRAINT "hackathon_awards_pkey" PRIMARY KEY ("idea_id")
);

-- CreateTable
CREATE TABLE "idea_coauthors" (
    "idea_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idea_coauthors_pkey" PRIMARY KEY ("idea_id","user_id")
);

-- CreateIndex
CREATE INDEX "hackathon_registrations_hackathon_id_status_created_at_idx" ON "hackathon_registrations"("hackathon_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "hackathon_registrations_user_id_idx" ON "hackathon_registrations"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "hackathon_teams_idea_id_key" ON "hackathon_teams"("idea_id");

-- CreateIndex
CREATE UNIQUE INDEX "hackathon_teams_hackathon_id_name_key" ON "hackathon_teams"("hackathon_id", "name");

-- CreateIndex
CREATE INDEX "hackathon_team_members_user_id_idx" ON "hackathon_team_members"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "hackathon_team_members_hackathon_id_user_id_key" ON "hackathon_team_members"("hackathon_id", "user_id");

-- CreateIndex
CREATE INDEX "hackathon_scores_hackathon_id_idx" ON "hackathon_scores"("hackathon_id");

-- CreateIndex
CREATE INDEX "hackathon_awards_hackathon_id_idx" ON "hackathon_awards"("hackathon_id");

-- CreateIndex
CREATE INDEX "idea_coauthors_user_id_idx" ON "idea_coauthors"("user_id");

-- AddForeignKey
ALTER TABLE "hackathons" ADD CONSTRAINT "hackathons_challenge_id_fkey" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hackathon_registrations" ADD CONSTRAINT "hackathon_registrations_hackathon_id_fkey" FOREIGN KEY ("hackathon_id") REFERENCES "hackathons"("challenge_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hackathon_registrations" ADD CONSTRAINT "hackathon_registrations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hackathon_teams" ADD CONSTRAINT "hackathon_teams_hackathon_id_fkey" FOREIGN KEY ("hackathon_id") REFERENCES "hackathons"("challenge_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hackathon_teams" ADD CONSTRAINT "hackathon_teams_idea_id_fkey" FOREIGN KEY ("idea_id") REFERENCES "ideas"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hackathon_team_members" ADD CONSTRAINT "hackathon_team_members_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "hackathon_teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hackathon_team_members" ADD CONSTRAINT "hackathon_team_members_hackathon_id_fkey" FOREIGN KEY ("hackathon_id") REFERENCES "hackathons"("challenge_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hackathon_team_members" ADD CONSTRAINT "hackathon_team_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hackathon_jurors" ADD CONSTRAINT "hackathon_jurors_hackathon_id_fkey" FOREIGN KEY ("hackathon_id") REFERENCES "hackathons"("challenge_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hackathon_jurors" ADD CONSTRAINT "hackathon_jurors_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hackathon_scores" ADD CONSTRAINT "hackathon_scores_hackathon_id_fkey" FOREIGN KEY ("hackathon_id") REFERENCES "hackathons"("challenge_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hackathon_scores" ADD CONSTRAINT "hackathon_scores_idea_id_fkey" FOREIGN KEY ("idea_id") REFERENCES "ideas"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hackathon_scores" ADD CONSTRAINT "hackathon_scores_juror_id_fkey" FOREIGN KEY ("juror_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hackathon_awards" ADD CONSTRAINT "hackathon_awards_hackathon_id_fkey" FOREIGN KEY ("hackathon_id") REFERENCES "hackathons"("challenge_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hackathon_awards" ADD CONSTRAINT "hackathon_awards_idea_id_fkey" FOREIGN KEY ("idea_id") REFERENCES "ideas"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "idea_coauthors" ADD CONSTRAINT "idea_coauthors_idea_id_fkey" FOREIGN KEY ("idea_id") REFERENCES "ideas"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "idea_coauthors" ADD CONSTRAINT "idea_coauthors_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: the schedule is in order, counts are sane, links are http(s), scores are 1..5.
ALTER TABLE "hackathons" ADD CONSTRAINT "hackathons_dates_check" CHECK (
  "registration_closes_at" > "registration_opens_at"
  AND "ends_at" > "starts_at"
  AND "submission_deadline" > "starts_at"
  AND "results_at" >= "submission_deadline"
);
ALTER TABLE "hackathons" ADD CONSTRAINT "hackathons_sizes_check" CHECK (
  "capacity" BETWEEN 1 AND 10000 AND "team_size_max" BETWEEN 1 AND 20
);
ALTER TABLE "hackathons" ADD CONSTRAINT "hackathons_where_check" CHECK (
  ("place" IS NOT NULL OR "online_url" IS NOT NULL)
  AND ("online_url" IS NULL OR "online_url" ~ '^https?://')
);
ALTER TABLE "hackathon_teams" ADD CONSTRAINT "hackathon_teams_repo_url_check" CHECK ("repo_url" IS NULL OR "repo_url" ~ '^https?://');
ALTER TABLE "hackathon_scores" ADD CONSTRAINT "hackathon_scores_score_check" CHECK ("score" BETWEEN 1 AND 5 AND "criterion" >= 0);
