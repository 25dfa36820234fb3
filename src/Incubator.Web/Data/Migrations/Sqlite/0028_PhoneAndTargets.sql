-- A profile's contact e-mail and phone are public only when its owner chooses so: off for every profile until then.
ALTER TABLE "Enterprises" ADD "PublishContact" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Mentors" ADD "PublishContact" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Organisations" ADD "PublishContact" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Startups" ADD "PublishContact" INTEGER NOT NULL DEFAULT 0;

-- A plan's "trên 5%": the target is met only above its low end.
ALTER TABLE "Targets" ADD "AboveMin" INTEGER NOT NULL DEFAULT 0;
