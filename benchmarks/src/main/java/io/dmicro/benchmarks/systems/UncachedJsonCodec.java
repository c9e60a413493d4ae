package io.dmicro.benchmarks.systems;

import io.dmicro.drpc.codec.Codec;
import io.dmicro.drpc.codec.JsonCodec;
import java.lang.reflect.Type;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The A side of the JSON codec's A/B pair: the codec as it was before it kept an ObjectReader per
 * type and an ObjectWriter per class ({@code mapper.readValue(data, constructType(type))} and
 * {@code mapper.writeValueAsBytes(value)} on every call), same id, name and mapper settings.
 */
final class UncachedJsonCodec implements Codec {
  private final ObjectMapper mapper = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  @Override
  public byte id() {
    return JsonCodec.ID;
  }

  @Override
  public String name() {
    return "json";
  }

  @Override
  public String contentType() {
    return "application/json";
  }

  @Override
  public byte[] encode(Object value) {
    return value == null ? new byte[0] : mapper.writeValueAsBytes(value);
  }

  @Override
  public Object decode(byte[] data, Type type) {
    return mapper.readValue(data, mapper.constructType(type));
  }
}
