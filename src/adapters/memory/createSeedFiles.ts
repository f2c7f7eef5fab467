import { MediaError } from 'mediashelf/core';
import type { MemorySeedFile, MemorySeedUsage } from './MemoryAdapterOptions';

/**
 * Default reference date of {@link createSeedFiles}: fixed, so fixtures (and screenshots of
 * stories) are the same on every run. Give the adapter a clock at this date, or pass
 * `now: new Date()`, to keep ages such as "orphaned after 30 days" meaningful.
 */
export const SEED_REFERENCE_DATE = '2025-06-02T09:00:00.000Z';

/** Options of {@link createSeedFiles}. */
export interface CreateSeedFilesOptions {
  /** Seed of the pseudo-random generator; the same seed gives the same files. Default 1. */
  seed?: number;
  /** Upload dates lie before this date (up to two years). Default {@link SEED_REFERENCE_DATE}. */
  now?: Date | string;
  /** Share of files in the trash, 0..1. Default 0.08. */
  trashRatio?: number;
}

const DAY_MS = 86_400_000;
const KB = 1024;
const MB = 1024 * KB;

interface Course {
  id: string;
  title: string;
  topics: string[];
}

const COURSES: readonly Course[] = [
  {
    id: 'bio-101',
    title: 'Biology 101',
    topics: ['Photosynthesis', 'Cell Structure', 'Genetics', 'Ecosystems'],
  },
  { id: 'stat-200', title: 'Introduction to Statistics', topics: ['Probability', 'Regression', 'Sampling'] },
  {
    id: 'hist-110',
    title: 'World History',
    topics: ['Ancient Rome', 'The Silk Road', 'Industrial Revolution'],
  },
  {
    id: 'chem-230',
    title: 'Organic Chemistry',
    topics: ['Alkanes', 'Reaction Mechanisms', 'Stereochemistry'],
  },
  { id: 'writ-150', title: 'Creative Writing Workshop', topics: ['Dialogue', 'Point of View', 'Poetry'] },
  { id: 'span-101', title: 'Spanish for Beginners', topics: ['Greetings', 'Past Tense', 'Food & Travel'] },
  {
    id: 'ds-300',
    title: 'Data Science Foundations',
    topics: ['Pandas', 'Visualisation', 'Model Evaluation'],
  },
  { id: 'econ-120', title: 'Microeconomics', topics: ['Supply & Demand', 'Elasticity', 'Market Failure'] },
];

type Random = () => number;

/** mulberry32: tiny, fast and identical on every runtime. */
function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const between = (random: Random, min: number, max: number) => Math.floor(min + random() * (max - min + 1));
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

interface Template {
  weight: number;
  versions: boolean;
  make(
    random: Random,
    course: Course,
    topic: string,
  ): { fileName: string; fileType: string; fileSize: number };
}

const TEMPLATES: readonly Template[] = [
  {
    weight: 30,
    versions: true,
    make: (random, course, topic) => {
      const lecture = between(random, 1, 24);
      const name = pick(random, [
        `${course.title} - Lecture ${lecture}.mp4`,
        `Lab demo - ${topic}.webm`,
        `Welcome to ${course.title}.mov`,
        `${topic} explained (Lecture ${lecture}).mp4`,
      ]);
      const type = name.endsWith('.webm')
        ? 'video/webm'
        : name.endsWith('.mov')
          ? 'video/quicktime'
          : 'video/mp4';
      return { fileName: name, fileType: type, fileSize: between(random, 20 * MB, 900 * MB) };
    },
  },
  {
    weight: 30,
    versions: true,
    make: (random, course, topic) => {
      const week = between(random, 1, 14);
      const entry = pick(random, [
        { fileName: `Week ${week} Slides - ${topic}.pdf`, fileType: 'application/pdf' },
        { fileName: `${course.title} Syllabus.pdf`, fileType: 'application/pdf' },
        { fileName: `Reading list - ${topic}.pdf`, fileType: 'application/pdf' },
        {
          fileName: `Worksheet ${week} - ${topic}.docx`,
          fileType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        },
        {
          fileName: `${topic} lecture slides.pptx`,
          fileType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
        },
        { fileName: `Lecture ${week} captions.vtt`, fileType: 'text/vtt' },
      ]);
      return { ...entry, fileSize: between(random, 40 * KB, 25 * MB) };
    },
  },
  {
    weight: 22,
    versions: false,
    make: (random, course, topic) => {
      const entry = pick(random, [
        { fileName: `${topic} diagram.png`, fileType: 'image/png' },
        { fileName: `course-banner-${course.id}.jpg`, fileType: 'image/jpeg' },
        { fileName: `lab-photo-${between(random, 100, 999)}.jpeg`, fileType: 'image/jpeg' },
        { fileName: `${slug(topic)}-infographic.webp`, fileType: 'image/webp' },
        { fileName: `${slug(course.title)}-icon.svg`, fileType: 'image/svg+xml' },
      ]);
      return { ...entry, fileSize: between(random, 30 * KB, 6 * MB) };
    },
  },
  {
    weight: 12,
    versions: false,
    make: (random, _course, topic) => {
      const episode = between(random, 1, 40);
      const entry = pick(random, [
        { fileName: `Podcast Ep ${episode} - ${topic}.mp3`, fileType: 'audio/mpeg' },
        { fileName: `Pronunciation drill ${episode}.m4a`, fileType: 'audio/mp4' },
        { fileName: `Interview - ${topic}.wav`, fileType: 'audio/wav' },
      ]);
      return { ...entry, fileSize: between(random, 2 * MB, 80 * MB) };
    },
  },
  {
    weight: 6,
    versions: false,
    make: (random, course) => ({
      ...pick(random, [
        { fileName: `${course.title} starter files.zip`, fileType: 'application/zip' },
        { fileName: `${course.id}-simulation.bin`, fileType: 'application/octet-stream' },
      ]),
      fileSize: between(random, 500 * KB, 200 * MB),
    }),
  },
];

const TOTAL_WEIGHT = TEMPLATES.reduce((sum, template) => sum + template.weight, 0);

function pickTemplate(random: Random): Template {
  let roll = random() * TOTAL_WEIGHT;
  for (const template of TEMPLATES) {
    roll -= template.weight;
    if (roll < 0) return template;
  }
  return TEMPLATES[TEMPLATES.length - 1]!;
}

function makeUsage(random: Random, course: Course, topic: string, uploadMs: number, nowMs: number) {
  const count = between(random, 1, 4);
  const links = new Map<string, MemorySeedUsage>();
  for (let index = 0; index < count; index++) {
    const linkedAt = new Date(uploadMs + Math.floor(random() * (nowMs - uploadMs))).toISOString();
    const roll = random();
    const chapter = between(random, 1, 8);
    const link: MemorySeedUsage =
      roll < 0.3
        ? { resourceType: 'course', resourceId: course.id, resourceTitle: course.title, linkedAt }
        : roll < 0.6
          ? {
              resourceType: 'chapter',
              resourceId: `${course.id}-ch${chapter}`,
              resourceTitle: `${course.title} · Chapter ${chapter}`,
              linkedAt,
            }
          : {
              resourceType: 'lesson',
              resourceId: `${course.id}-ch${chapter}-l${between(random, 1, 6)}`,
              resourceTitle: `${topic} (Chapter ${chapter})`,
              linkedAt,
            };
    links.set(`${link.resourceType}/${link.resourceId}`, link);
  }
  return [...links.values()].sort((a, b) => String(a.linkedAt).localeCompare(String(b.linkedAt)));
}

/**
 * Deterministic, realistic LMS fixtures for stories and demos: course videos, lecture slides and
 * other documents, images, audio and a few archives, with sizes to match. About 55% of the
 * active files are linked to courses, chapters or lessons; most of the rest are older than 30
 * days (orphaned); some files have several versions and `trashRatio` of them sit in the trash.
 * Content is synthetic (sizes only). Files come oldest first.
 */
export function createSeedFiles(count: number, options: CreateSeedFilesOptions = {}): MemorySeedFile[] {
  if (!Number.isInteger(count) || count < 0) {
    throw new MediaError('VALIDATION_ERROR', 'count must be an integer >= 0', {
      details: { field: 'count' },
    });
  }
  const nowMs = new Date(options.now ?? SEED_REFERENCE_DATE).getTime();
  if (Number.isNaN(nowMs)) {
    throw new MediaError('VALIDATION_ERROR', 'now must be a valid date', { details: { field: 'now' } });
  }
  const trashRatio = options.trashRatio ?? 0.08;
  const random = createRandom(options.seed ?? 1);
  const files: MemorySeedFile[] = [];
  for (let index = 0; index < count; index++) {
    const course = pick(random, COURSES);
    const topic = pick(random, course.topics);
    const template = pickTemplate(random);
    const { fileName, fileType, fileSize } = template.make(random, course, topic);
    const recent = random() < 0.4;
    const ageMs = recent ? between(random, 1, 29 * DAY_MS) : between(random, 31 * DAY_MS, 720 * DAY_MS);
    const uploadMs = nowMs - ageMs;
    const file: MemorySeedFile = {
      fileName,
      fileType,
      fileSize,
      uploadDate: new Date(uploadMs).toISOString(),
    };
    if (random() < trashRatio) {
      file.status = 'deleted';
      file.deletedAt = new Date(uploadMs + Math.floor(random() * ageMs)).toISOString();
    } else if (random() < 0.55) {
      file.usage = makeUsage(random, course, topic, uploadMs, nowMs);
    }
    if (template.versions && random() < 0.15) file.versions = between(random, 2, 4);
    files.push(file);
  }
  return files.sort((a, b) => String(a.uploadDate).localeCompare(String(b.uploadDate)));
}
