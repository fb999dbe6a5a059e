-- CreateTable
CREATE TABLE "agencies" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "agencies_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "agency_adoptions" (
    "idea_id" TEXT NOT NULL,
    "agency_code" TEXT NOT NULL,
    "adopted_on" DATE,
    "declared_by_id" TEXT,
    "declared_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmed_by_id" TEXT,
    "confirmed_at" TIMESTAMPTZ(3),

    CONSTRAINT "agency_adoptions_pkey" PRIMARY KEY ("idea_id","agency_code")
);

-- CreateIndex
CREATE INDEX "agencies_region_name_idx" ON "agencies"("region", "name");

-- CreateIndex
CREATE INDEX "agency_adoptions_agency_code_idx" ON "agency_adoptions"("agency_code");

-- CreateIndex
CREATE INDEX "agency_adoptions_idea_id_confirmed_at_idx" ON "agency_adoptions"("idea_id", "confirmed_at");

-- AddForeignKey
ALTER TABLE "agency_adoptions" ADD CONSTRAINT "agency_adoptions_idea_id_fkey" FOREIGN KEY ("idea_id") REFERENCES "ideas"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agency_adoptions" ADD CONSTRAINT "agency_adoptions_agency_code_fkey" FOREIGN KEY ("agency_code") REFERENCES "agencies"("code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agency_adoptions" ADD CONSTRAINT "agency_adoptions_declared_by_id_fkey" FOREIGN KEY ("declared_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agency_adoptions" ADD CONSTRAINT "agency_adoptions_confirmed_by_id_fkey" FOREIGN KEY ("confirmed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
