define(function () { return { structs: {}, enums: {}, delta: true, version: "12.20.0" }; });
