-- Mentoring: a match ends (or a waiting request is withdrawn) with when, by whom and why.
ALTER TABLE "MentorMatches" ADD "EndReason" character varying(1000);

ALTER TABLE "MentorMatches" ADD "EndedBy" character varying(450);

ALTER TABLE "MentorMatches" ADD "EndedUtc" timestamp with time zone;
