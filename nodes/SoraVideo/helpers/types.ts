import type { IDataObject } from 'n8n-workflow';

/** The Video object. Compatible servers may omit optional keys, so only id and status are relied on. */
export interface SoraVideo extends IDataObject {
	id: string;
	object?: string;
	model?: string;
	status: string;
	progress?: number;
	created_at?: number;
	completed_at?: number | null;
	expires_at?: number | null;
	prompt?: string | null;
	size?: string;
	seconds?: string;
	remixed_from_video_id?: string | null;
	error?: { code?: string; message?: string } | null;
}

export interface SoraVideoList {
	object: 'list';
	data: SoraVideo[];
	first_id?: string | null;
	last_id?: string | null;
	has_more?: boolean;
}

export interface SoraCharacter extends IDataObject {
	id: string | null;
	name: string | null;
	created_at: number;
}

export type VideoVariant = 'video' | 'thumbnail' | 'spritesheet';

/** A file to upload in a multipart body. */
export interface UploadFile {
	data: Buffer;
	fileName: string;
	mimeType: string;
}
