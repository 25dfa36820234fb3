-- A profile's contact e-mail and phone are public only when its owner chooses so: off for every profile until then.
ALTER TABLE "Enterprises" ADD "PublishContact" boolean NOT NULL DEFAULT FALSE;

ALTER TABLE "Mentors" ADD "PublishContact" boolean NOT NULL DEFAULT FALSE;

ALTER TABLE "Organisations" ADD "PublishContact" boolean NOT NULL DEFAULT FALSE;

ALTER TABLE "Startups" ADD "PublishContact" boolean NOT NULL DEFAULT FALSE;

-- A plan's "trên 5%": the target is met only above its low end.
ALTER TABLE "Targets" ADD "AboveMin" boolean NOT NULL DEFAULT FALSE;

-- The defaults only filled the rows already there; the model, like EF's create script, has none.
ALTER TABLE "Enterprises" ALTER COLUMN "PublishContact" DROP DEFAULT;

ALTER TABLE "Mentors" ALTER COLUMN "PublishContact" DROP DEFAULT;

ALTER TABLE "Organisations" ALTER COLUMN "PublishContact" DROP DEFAULT;

ALTER TABLE "Startups" ALTER COLUMN "PublishContact" DROP DEFAULT;

ALTER TABLE "Targets" ALTER COLUMN "AboveMin" DROP DEFAULT;
