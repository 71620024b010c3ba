import { z } from 'zod';

/** Version of the catalog file format; a file with another version is refused. */
export const CATALOG_FORMAT_VERSION = 1;

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug like "jane-doe-on-chaos"');

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** A link shown with an episode or the podcast (episode page, transcript, a guest's profile...). */
export const linkSchema = z.object({
  label: nonEmpty,
  url: httpUrl,
});

/** A person on an episode; role and organisation where the sources say so. */
export const personSchema = z.object({
  name: nonEmpty,
  role: z.string().nullable().default(null),
  org: z.string().nullable().default(null),
  handle: z.string().nullable().default(null),
});

/** A chapter: a title and where it starts, in seconds from the start of the audio. */
export const chapterSchema = z.object({
  title: nonEmpty,
  startSeconds: z.number().int().nonnegative(),
});

/** One episode of the podcast. */
export const episodeSchema = z
  .object({
    id: slug,
    /** The feed's guid, where the episode came from a feed. */
    guid: z.string().nullable().default(null),
    /** The show (one followed feed) the episode belongs to: its key (see src/core/model/shows.ts); null for the shipped catalog. */
    show: z.string().nullable().optional(),
    title: nonEmpty,
    series: z.string().nullable().default(null),
    guests: z.array(personSchema).default([]),
    hosts: z.array(personSchema).default([]),
    /** ISO date (YYYY-MM-DD) or date-time; null where the sources do not say. */
    publishedAt: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'must be an ISO date like 2021-10-05')
      .nullable(),
    durationSeconds: z.number().int().nonnegative().nullable(),
    /** Plain text, no HTML. */
    description: z
      .string()
      .refine((s) => !/<\/?[a-z][^<>]*>/i.test(s), 'must be plain text (it contains an HTML tag)'),
    chapters: z.array(chapterSchema).default([]),
    episodeUrl: httpUrl.nullable().default(null),
    transcriptUrl: httpUrl.nullable().default(null),
    audioUrl: httpUrl.nullable().default(null),
    imageUrl: httpUrl.nullable().default(null),
    links: z.array(linkSchema).default([]),
    /** An excerpt of the transcript, where a source has one. */
    transcriptExcerpt: z.string().nullable().default(null),
    season: z.number().int().nonnegative().nullable().default(null),
    episodeNumber: z.number().int().nonnegative().nullable().default(null),
  })
  .superRefine((ep, ctx) => {
    for (let i = 1; i < ep.chapters.length; i++) {
      if (ep.chapters[i]!.startSeconds < ep.chapters[i - 1]!.startSeconds) {
        ctx.addIssue({ code: 'custom', path: ['chapters', i, 'startSeconds'], message: 'chapters must be in order of start time' });
      }
    }
  });

/** Podcast-level metadata. */
export const podcastSchema = z.object({
  title: nonEmpty,
  description: z.string(),
  publisher: z.string().nullable().default(null),
  language: z.string().nullable().default(null),
  imageUrl: httpUrl.nullable().default(null),
  links: z.array(linkSchema).default([]),
});

/**
 * The catalog file: podcast metadata and its episodes, listed newest first
 * (the listing order decides "latest" where dates are missing).
 */
export const catalogSchema = z
  .object({
    version: z.literal(CATALOG_FORMAT_VERSION, {
      error: `must be ${CATALOG_FORMAT_VERSION} (this version of episode-bot reads catalog format ${CATALOG_FORMAT_VERSION})`,
    }),
    podcast: podcastSchema,
    episodes: z.array(episodeSchema),
  })
  .superRefine((cat, ctx) => {
    const seen = new Set<string>();
    cat.episodes.forEach((ep, i) => {
      if (seen.has(ep.id)) ctx.addIssue({ code: 'custom', path: ['episodes', i, 'id'], message: `duplicate id "${ep.id}"` });
      seen.add(ep.id);
    });
  });

export type Link = z.infer<typeof linkSchema>;
export type Person = z.infer<typeof personSchema>;
export type Chapter = z.infer<typeof chapterSchema>;
export type Episode = z.infer<typeof episodeSchema>;
export type Podcast = z.infer<typeof podcastSchema>;
export type Catalog = z.infer<typeof catalogSchema>;
/** An episode as written in a catalog file, before defaults are applied. */
export type EpisodeInput = z.input<typeof episodeSchema>;
