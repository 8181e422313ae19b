// The multipart body of an upload whose file is streamed from n8n's binary store (StreamedForm)
// and the unchanged web FormData for files in memory. The real HTTP client sending a StreamedForm
// is tested in test/engine/upload-streaming.test.ts.
import { Readable } from 'node:stream';

import { StreamedForm, multipartBody } from '../../nodes/SoraVideo/transport/multipart';
import type { StreamedUpload } from '../../nodes/SoraVideo/transport/types';

function streamedFile(bytes: Buffer, chunkSize = 1000) {
	let opened = 0;
	const file: StreamedUpload = {
		fileName: 'big.mp4',
		mimeType: 'video/mp4',
		bytes: bytes.length,
		open: async () => {
			opened++;
			const chunks: Buffer[] = [];
			for (let at = 0; at < bytes.length; at += chunkSize) chunks.push(bytes.subarray(at, at + chunkSize));
			return Readable.from(chunks);
		},
	};
	return { file, opened: () => opened };
}

type FilePart = { name: string; type: string; size: number; stream(): AsyncIterable<Uint8Array> };

async function read(part: FilePart): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of part.stream()) chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks);
}

const bytesOf = (length: number) => Buffer.from(Array.from({ length }, (_, i) => (i * 7) & 0xff));

describe('multipartBody', () => {
	it('keeps the web FormData with Blob parts when every file is in memory', () => {
		const body = multipartBody({ prompt: 'p', video: { data: Buffer.from('abc'), fileName: 'a.mp4', mimeType: 'video/mp4' } });
		expect(body).toBeInstanceOf(FormData);
		expect((body as FormData).get('video')).toBeInstanceOf(Blob);
	});

	it('streams a stored file: a FormData look-alike whose file part opens the file only when read', async () => {
		const bytes = bytesOf(25_000);
		const { file, opened } = streamedFile(bytes);
		const body = multipartBody({ prompt: 'a cat', video: file, input_reference: { file_id: 'file-1' } });
		expect(body).toBeInstanceOf(StreamedForm);
		// What axios checks to encode a form as a stream (utils.isSpecCompliantForm).
		expect(Object.prototype.toString.call(body)).toBe('[object FormData]');
		const entries = [...(body as StreamedForm)];
		expect(entries.map(([name]) => name)).toEqual(['prompt', 'video', 'input_reference[file_id]']);
		expect(entries[0][1]).toBe('a cat');
		expect(opened()).toBe(0);

		const part = entries[1][1] as FilePart;
		expect({ name: part.name, type: part.type, size: part.size }).toEqual({ name: 'big.mp4', type: 'video/mp4', size: 25_000 });
		expect((await read(part)).equals(bytes)).toBe(true);
		expect(opened()).toBe(1);
		// A retry builds the body again and reads the file again from the start.
		const again = [...(multipartBody({ video: file }) as StreamedForm)][0][1] as FilePart;
		expect((await read(again)).equals(bytes)).toBe(true);
		expect(opened()).toBe(2);
	});

	it('sends a file in memory beside a streamed one with its exact bytes', async () => {
		const small = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
		const { file } = streamedFile(bytesOf(3000));
		const form = multipartBody({ video: file, image: { data: small, fileName: 'ref.png', mimeType: 'image/png' } }) as StreamedForm;
		const image = [...form][1][1] as FilePart;
		expect({ name: image.name, type: image.type, size: image.size }).toEqual({ name: 'ref.png', type: 'image/png', size: 8 });
		expect((await read(image)).equals(small)).toBe(true);
	});

	it('fails a file that changed size while it was sent instead of sending a short body', async () => {
		const { file } = streamedFile(bytesOf(5000));
		const form = multipartBody({ video: { ...file, bytes: 6000 } }) as StreamedForm;
		await expect(read([...form][0][1] as FilePart)).rejects.toThrow(/changed while it was sent: 5000 of 6000 bytes/);
	});
});
