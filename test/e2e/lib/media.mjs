// Media for and from the workflows: PNG inputs (from the shared maker) and checks of what
// came back.
import { makePng as makeFixturePng } from '../../fixtures/png.js';

/**
 * A solid-colour RGB PNG of the given size, from the shared maker: the e2e suite embeds it in
 * workflow JSON, where one colour keeps it a few kilobytes.
 */
export const makePng = (width, height, rgb = [40, 120, 200]) => makeFixturePng(width, height, rgb);

/** MP4 files start with a box whose type is `ftyp` (bytes 4..8). */
export const isMp4 = (buf) => buf.length > 12 && buf.subarray(4, 8).toString('latin1') === 'ftyp';
/** WebP: RIFF....WEBP */
export const isWebp = (buf) =>
	buf.length > 12 && buf.subarray(0, 4).toString('latin1') === 'RIFF' && buf.subarray(8, 12).toString('latin1') === 'WEBP';
