-- The language a person chose for the site and its e-mails ("vi" or "en"); none until they choose.
ALTER TABLE "AspNetUsers" ADD "Language" text;
