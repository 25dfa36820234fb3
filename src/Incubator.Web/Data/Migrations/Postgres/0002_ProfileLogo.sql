-- Directory profiles get a logo (or portrait) image, stored by MediaStore under a generated name.
ALTER TABLE "Startups" ADD "Logo" character varying(64) NULL;
ALTER TABLE "Enterprises" ADD "Logo" character varying(64) NULL;
ALTER TABLE "Mentors" ADD "Logo" character varying(64) NULL;
ALTER TABLE "Organisations" ADD "Logo" character varying(64) NULL;
