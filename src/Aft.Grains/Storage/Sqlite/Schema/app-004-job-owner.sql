-- The silo that holds an unfinished job (SiloAddress.ToParsableString()); when it is gone, its jobs are resumed elsewhere.
ALTER TABLE jobs ADD COLUMN owner TEXT NULL;
