-- Mentoring: a match ends (or a waiting request is withdrawn) with when, by whom and why.
ALTER TABLE "MentorMatches" ADD "EndReason" TEXT NULL;

ALTER TABLE "MentorMatches" ADD "EndedBy" TEXT NULL;

ALTER TABLE "MentorMatches" ADD "EndedUtc" TEXT NULL;
