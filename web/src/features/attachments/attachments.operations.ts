import { graphql } from '../../gql';

// 证据材料 of a matter: the files the viewer may see (with short-lived signed links) and the
// first step of an upload (a signed URL to PUT the bytes to).

export const MatterAttachmentsQuery = graphql(`
  query MatterAttachments($id: ID!) {
    matter(id: $id) {
      id
      attachments {
        id fileName description kind mimeType size sha256 containsPersonalData source createdAt url thumbnailUrl
        uploadedBy { id displayName }
        organization { id name }
      }
    }
  }
`);

export const RequestAttachmentUploadMutation = graphql(`
  mutation RequestAttachmentUpload($input: RequestAttachmentUploadInput!) {
    requestAttachmentUpload(input: $input) { url expiresAt maxBytes }
  }
`);
