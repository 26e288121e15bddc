export { WhatsAppBusinessManagement } from './nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node';
export { WhatsAppBusinessManagementTrigger } from './nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagementTrigger.node';
export { WhatsAppBusinessManagementApi } from './credentials/WhatsAppBusinessManagementApi.credentials';
