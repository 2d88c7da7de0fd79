const apiKey = "eyJhbGciOiJFUzM4NCIsImtpZCI6IjEyMyIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhYmMiLCJzdWJUeXBlIjoidXNlciIsInRlbmFudElkIjoieHl6In0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl";
export const headers = { Authorization: `Bearer ${apiKey}` };
