-- An application keeps the form it was submitted under, so a later change of the programme's form (in the programme
-- builder) leaves its answers readable. Applications submitted before this change keep the form their programme has
-- now, the closest there is to the one they were submitted under; drafts keep none and follow the programme's form.
ALTER TABLE "Applications" ADD "FormJson" TEXT NULL;

UPDATE "Applications" SET "FormJson" = (
    SELECT p."FormJson" FROM "Programmes" p
    WHERE p."ContentItemId" = "Applications"."ProgrammeId" AND p."Latest" AND p."DeletedUtc" IS NULL)
WHERE "SubmittedUtc" IS NOT NULL;
