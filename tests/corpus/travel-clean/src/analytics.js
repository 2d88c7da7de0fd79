// Another product's settings: an appId that is not Qlik's.
const FIREBASE_APP = "1:1234567890:web:abcdef123456";

export const firebase = { projectId: "sales-dashboard", appId: FIREBASE_APP };
