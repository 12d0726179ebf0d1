// Placeholder entry point until the command tree lands (issue: foundation).
console.log("omero-sessions");
