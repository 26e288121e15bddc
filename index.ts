export { WhatsAppBusinessManagement } from './nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node';
export { WhatsAppBusinessManagementApi } from './credentials/WhatsAppBusinessManagementApi.credentials';
