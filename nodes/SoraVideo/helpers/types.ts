/** The API's shapes live with the transport; re-exported here for the operations that read them. */
export type { SoraCharacter, SoraVideo, SoraVideoList, UploadFile, VideoVariant } from '../transport/types';
