const DB_HOST = process.env.DB_HOST || "localhost";

module.exports = { connection: { host: DB_HOST, port: 5432 } };
