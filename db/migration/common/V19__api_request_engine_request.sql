-- engine_request_json: the engine's request (canonical JSON) an approval plans again, so the request lifecycle does
-- not need the API's filing format. Requests filed before this column are refused at approval with a message to
-- file them again.
ALTER TABLE api_request ADD COLUMN engine_request_json VARCHAR(100000);
