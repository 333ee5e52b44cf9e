import 'reflect-metadata';
import { Body, Controller, Post, ValidationPipe, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SendSmsDto, SmsService, type SmsSendResult } from '../../lib';
import { createZixflowTestApp, useTestSimulator } from '../utils/zixflow-test-app';

@Controller('sms')
class SmsController {
  constructor(private readonly sms: SmsService) {}

  @Post()
  send(@Body() dto: SendSmsDto): Promise<SmsSendResult> {
    return this.sms.send(dto);
  }
}

/** SendSmsDto as a request body in a user's own controller, validated by Nest's ValidationPipe. */
describe('SendSmsDto with ValidationPipe', () => {
  const simulator = useTestSimulator({ apiKey: 'k', workspaceId: 'w' });
  let app: INestApplication;

  beforeAll(async () => {
    app = await createZixflowTestApp(
      simulator,
      {},
      {
        controllers: [SmsController],
        configure: (nest) =>
          nest.useGlobalPipes(
            new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
          ),
      },
    );
  });
  afterAll(async () => {
    await app.close();
  });

  it('accepts a valid body, fills defaults in the service and sends it', async () => {
    const response = await request(app.getHttpServer())
      .post('/sms')
      .send({ recipient: '919876543210', message: 'hello', isFlash: true })
      .expect(201);
    expect(response.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(simulator.requests.at(-1)?.body).toEqual({
      recipient: '919876543210',
      message: 'hello',
      sender_id: 'ZIXFLW',
      route: 'transactional',
      is_flash: true,
    });
  });

  it('answers 400 naming each bad field, and nothing is sent', async () => {
    const before = simulator.requests.length;
    const response = await request(app.getHttpServer())
      .post('/sms')
      .send({ recipient: '+91 98765', message: '', route: 'bulk', sender_id: 'X' })
      .expect(400);
    const messages = (response.body.message as string[]).join('\n');
    expect(messages).toMatch(/recipient must be 8 to 15 digits/);
    expect(messages).toMatch(/message must not be empty/);
    expect(messages).toMatch(/route must be one of promotional, transactional, otp/);
    expect(messages).toMatch(/property sender_id should not exist/);
    expect(simulator.requests.length).toBe(before);
  });
});
